"""loyaliteit: spot and explain loyalty conflicts around a pupil (contextual approach).

The pipeline reads top-down: load a case (`casus`), detect signals (`signalering`),
reason with the compiled knowledge base (`redeneren`), explain (`uitleg`) and render
(`rapport`). `analyse` runs the whole chain for one case.
"""

__version__ = "0.1.0"
