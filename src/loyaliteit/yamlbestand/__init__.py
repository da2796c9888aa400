"""Reading YAML safely, with Dutch errors that name the line and the key.

    document.py  the parsed document (with the line and spelling of every key and value),
                 `YamlProbleem` and `format_pad`
    ontleden.py  `parse_yaml`: only the safe loader; YAML 1.1 numbers refused
    grenzen.py   limits checked before anything is constructed: aliases, nesting,
                 duplicate keys, control characters
    meldingen.py PyYAML's messages in Dutch

Reading the file itself (only regular files, with a size limit) is `bestandlezen.py`.
"""
