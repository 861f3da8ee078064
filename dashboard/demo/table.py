"""`Table`: the columns of one file as generated, before a writer puts them into a format."""

from __future__ import annotations


class Table:
    """The columns of one file, plus lines planted verbatim (malformed on purpose).

    Columns whose name starts with "_" steer the writer and are not written.
    """

    def __init__(self, columns: dict[str, list]):
        self.columns = columns
        self.raw_lines: dict[int, str] = {}  # row index -> text written before that row

    @classmethod
    def empty(cls, *names: str) -> Table:
        return cls({name: [] for name in names})

    @classmethod
    def from_rows(cls, names: tuple[str, ...], rows: list[tuple]) -> Table:
        return cls({name: [row[i] for row in rows] for i, name in enumerate(names)})

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    @property
    def rows_written(self) -> int:
        return len(self) + len(self.raw_lines)

    @property
    def written_names(self) -> list[str]:
        return [name for name in self.columns if not name.startswith("_")]

    def row(self, index: int) -> dict:
        return {name: values[index] for name, values in self.columns.items()}

    def append(self, **values: object) -> None:
        """Add a row, one keyword per column.

        Values for columns this table lacks are dropped (an org's export may leave out
        optional columns such as shift_id); a column given no value is a KeyError.
        """
        for name, column in self.columns.items():
            column.append(values[name])

    def insert(self, index: int, values: dict) -> None:
        for name, column in self.columns.items():
            column.insert(index, values.get(name))
