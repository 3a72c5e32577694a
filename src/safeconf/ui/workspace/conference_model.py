"""Conferences grouped Today / Upcoming / Recent as one flat table model: a heading row per
group, then its conferences. Flat (not a tree) because a table view lays out 10,000 rows
at no cost, where a tree view walks every expanded row on each insert. Display text is made
lazily and cached per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QGuiApplication

from safeconf.app.conferences import ConferenceRow, Group
from safeconf.ui import labels

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADING_ROLE = Qt.ItemDataRole.UserRole + 2  # the Group of a heading row, else None
_GROUP_TITLES = {
    Group.TODAY: QT_TRANSLATE_NOOP("ConferenceModel", "Today"),
    Group.UPCOMING: QT_TRANSLATE_NOOP("ConferenceModel", "Upcoming"),
    Group.RECENT: QT_TRANSLATE_NOOP("ConferenceModel", "Recent"),
}
_LOADING = QT_TRANSLATE_NOOP("ConferenceModel", "loading…")
_HEADERS = (
    QT_TRANSLATE_NOOP("ConferenceModel", "When"),
    QT_TRANSLATE_NOOP("ConferenceModel", "Case number"),
    QT_TRANSLATE_NOOP("ConferenceModel", "Family"),
    QT_TRANSLATE_NOOP("ConferenceModel", "Type"),
    QT_TRANSLATE_NOOP("ConferenceModel", "State"),
)
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConferenceModel", text)


class ConferenceModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[Group] = list(Group)
        self._rows: dict[Group, list[ConferenceRow]] = {g: [] for g in Group}
        self._cache: dict[str, tuple[str, ...]] = {}
        self._loading: set[Group] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    # -- filling ----------------------------------------------------------------------

    def start_loading(self) -> None:
        """Empty every group and mark it loading (its heading says so until finished)."""
        self.beginResetModel()
        self._rows = {g: [] for g in Group}
        self._loading = set(Group)
        self._cache.clear()
        self.endResetModel()

    def set_group(self, group: Group, rows: list[ConferenceRow]) -> None:
        """Fill one group (rows already in display order), replacing what it had."""
        old = len(self._rows[group])
        if old:
            first = self.heading_row(group) + 1
            self.beginRemoveRows(QModelIndex(), first, first + old - 1)
            self._rows[group] = []
            self.endRemoveRows()
        self._loading.discard(group)
        self.append_rows(group, rows)
        self._heading_changed(group)

    def append_rows(self, group: Group, rows: list[ConferenceRow]) -> None:
        """Add rows (already in display order) after a group's existing rows."""
        if not rows:
            return
        first = self.heading_row(group) + 1 + len(self._rows[group])
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows[group] = self._rows[group] + rows
        self.endInsertRows()
        self._heading_changed(group)

    def finish_loading(self) -> None:
        self._loading.clear()
        for group in self.groups:
            self._heading_changed(group)

    def is_loading(self, group: Group) -> bool:
        return group in self._loading

    # -- layout -------------------------------------------------------------------------

    def heading_row(self, group: Group) -> int:
        row = 0
        for g in self.groups:
            if g is group:
                return row
            row += 1 + len(self._rows[g])
        raise KeyError(group)

    def rows_of(self, group: Group) -> list[ConferenceRow]:
        return self._rows[group]

    def _locate(self, row: int) -> tuple[Group, int]:
        """(group, -1) for a heading row, (group, n) for the group's n-th conference."""
        for g in self.groups:
            size = 1 + len(self._rows[g])
            if row < size:
                return g, row - 1
            row -= size
        raise IndexError(row)

    def _heading_changed(self, group: Group) -> None:
        index = self.index(self.heading_row(group), 0)
        self.dataChanged.emit(index, index)

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self.groups) + sum(len(r) for r in self._rows.values())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        _group, n = self._locate(index.row())
        if n < 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        group, n = self._locate(index.row())
        if n < 0:
            return self._heading_data(group, index.column(), role)
        row = self._rows[group][n]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts(group, row)[index.column()]
        if role == ID_ROLE:
            return row.conference_id
        return None

    def _heading_data(self, group: Group, column: int, role: int) -> Any:
        if role == HEADING_ROLE:
            return group
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            # The palette's alternate base: a quiet band in light and dark themes alike.
            return QGuiApplication.palette().alternateBase()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) \
                and column == 0:
            count = len(self._rows[group])
            if group in self._loading:
                return f"{_tr(_GROUP_TITLES[group])} ({count} {_tr(_LOADING)})"
            return f"{_tr(_GROUP_TITLES[group])} ({count})"
        return None

    def _texts(self, group: Group, row: ConferenceRow) -> tuple[str, ...]:
        cached = self._cache.get(row.conference_id)
        if cached is None:
            when = (labels.local_time(row.start) if group is Group.TODAY
                    else labels.local_datetime(row.start))
            cached = (when, row.case_number, row.family_name, labels.name(row.kind),
                      labels.name(row.state))
            self._cache[row.conference_id] = cached
        return cached
