"""Case files -> `Casus`: the model, loading a file, finding the files in folders.

model.py   `Casus` (pydantic), its validation (`build_casus`), `CasusFout`
lezen.py   the text of a file or standard input (regular files only, UTF-8)
laden.py   `.yaml`, `.md` with a YAML header, `.txt` (and its `.oordeel`) -> `Casus`
zoeken.py  the case files in the paths and folders a user gives
"""

from .laden import load_casus
from .model import Casus, CasusFout, build_casus
from .zoeken import find_case_files

__all__ = ["Casus", "CasusFout", "build_casus", "find_case_files", "load_casus"]
