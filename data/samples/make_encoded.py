"""Write the encoded sample notices from their UTF-8 sources in src/.

    python data/samples/make_encoded.py

Each source `src/<name>.utf8` is UTF-8 text; the target encoding is chosen by
the name: `*_gbk` → GBK, `*_big5` → Big5, `*_bom` → UTF-8 with a byte-order
mark. The result is `<name>.txt` next to this script. The sources keep the
`.utf8` suffix so that `kg extract data/samples` does not read them twice.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ENCODINGS = {"_gbk": "gbk", "_big5": "big5", "_bom": "utf-8-sig"}


def encoding_for(stem: str) -> str:
    for suffix, encoding in ENCODINGS.items():
        if stem.endswith(suffix):
            return encoding
    raise ValueError(f"{stem}: name must end with one of {', '.join(ENCODINGS)}")


def main() -> None:
    for source in sorted((HERE / "src").glob("*.utf8")):
        text = source.read_text(encoding="utf-8")
        encoding = encoding_for(source.stem)
        target = HERE / f"{source.stem}.txt"
        target.write_bytes(text.encode(encoding))  # strict: fails on an unencodable character
        print(f"{target.name}: {encoding}, {len(text)} characters")


if __name__ == "__main__":
    main()
