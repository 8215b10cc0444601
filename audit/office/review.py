"""The office's review of each audit: received, has issues (with comments), accepted; with its history."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from audit.errors import AuditError
from audit.office.database import OfficeDatabase
from forms.spec import Text

MAX_COMMENT_CHARS = 4000


class ReviewStatus(Enum):
    RECEIVED = "received"
    HAS_ISSUES = "has_issues"
    ACCEPTED = "accepted"

    @property
    def label(self) -> Text:
        return _LABELS[self]


_LABELS = {
    ReviewStatus.RECEIVED: Text("received", "已接收"),
    ReviewStatus.HAS_ISSUES: Text("has issues", "有问题"),
    ReviewStatus.ACCEPTED: Text("accepted", "已通过"),
}


class ReviewError(AuditError):
    """The review step is not possible; nothing was changed."""


@dataclass(frozen=True)
class ReviewEntry:
    status: ReviewStatus
    comment: str
    reviewed_by: str
    reviewed_at: str


def parse_status(text: str) -> ReviewStatus:
    """A status from its code or either language's label ("has-issues", "有问题", "accepted")."""
    wanted = text.strip().lower().replace("-", "_").replace(" ", "_")
    for status in ReviewStatus:
        if wanted in (status.value, status.label.en.replace(" ", "_"), status.label.zh):
            return status
    choices = ", ".join(status.value for status in ReviewStatus)
    raise ReviewError(
        Text(f"Unknown review status {text[:40]!r}; one of {choices}.", f"未知审核状态“{text[:40]}”，可选：{choices}。")
    )


def _require_audit(office: OfficeDatabase, audit_uuid: str) -> None:
    if office.connection.execute("SELECT 1 FROM audit WHERE audit_uuid = ?", [audit_uuid]).fetchone() is None:
        raise ReviewError(Text(f"The office holds no audit {audit_uuid[:60]}.", f"办公室没有诊断 {audit_uuid[:60]}。"))


def set_review(office: OfficeDatabase, audit_uuid: str, status: ReviewStatus, comment: str = "") -> ReviewEntry:
    """Record a review step. "Has issues" needs a comment saying what; "accepted" needs every conflict settled."""
    _require_audit(office, audit_uuid)
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_CHARS:
        raise ReviewError(
            Text(f"A comment has at most {MAX_COMMENT_CHARS} characters.", f"意见最多 {MAX_COMMENT_CHARS} 个字符。")
        )
    if status is ReviewStatus.HAS_ISSUES and not comment:
        raise ReviewError(Text("Say what the issues are (a comment).", "请填写问题说明（意见）。"))
    if status is ReviewStatus.ACCEPTED:
        open_count = office.connection.execute(
            "SELECT count(*) FROM conflict WHERE audit_uuid = ? AND settled_at IS NULL", [audit_uuid]
        ).fetchone()[0]
        if open_count:
            raise ReviewError(
                Text(
                    f"{open_count} conflict(s) of this audit are not settled; settle them before accepting it.",
                    f"该诊断有 {open_count} 个冲突未处理，请先处理再通过。",
                )
            )
    entry = ReviewEntry(status, comment, office.officer, office.now())
    with office.transaction() as db:
        db.table("review").insert(
            {
                "audit_uuid": audit_uuid,
                "status": status.value,
                "comment": comment,
                "reviewed_by": entry.reviewed_by,
                "reviewed_at": entry.reviewed_at,
            }
        )
        db.execute(
            "UPDATE audit SET review_status = ?, updated_at = ? WHERE audit_uuid = ?",
            [status.value, entry.reviewed_at, audit_uuid],
        )
    return entry


def review_history(office: OfficeDatabase, audit_uuid: str) -> list[ReviewEntry]:
    """Every review step of an audit, oldest first (a merged package adds a "received" step)."""
    rows = office.connection.execute(
        "SELECT status, comment, reviewed_by, reviewed_at FROM review WHERE audit_uuid = ? ORDER BY id", [audit_uuid]
    )
    return [ReviewEntry(ReviewStatus(row[0]), str(row[1] or ""), str(row[2] or ""), str(row[3])) for row in rows]


def find_audit(office: OfficeDatabase, text: str) -> str:
    """The audit uuid named by its uuid (or its start), credit code or enterprise name."""
    text = text.strip()
    rows = office.connection.execute(
        "SELECT audit_uuid FROM audit WHERE (length(?) >= 4 AND substr(audit_uuid, 1, length(?)) = ?) "
        "OR credit_code = ? OR enterprise_name = ?",
        [text, text, text, text, text],
    ).fetchall()
    if len(rows) == 1:
        return str(rows[0][0])
    if not rows:
        raise ReviewError(Text(f"The office holds no audit {text[:60]!r}.", f"办公室没有诊断“{text[:60]}”。"))
    raise ReviewError(
        Text(
            f"{text[:60]!r} names {len(rows)} audits; give more of the audit id.",
            f"“{text[:60]}”对应 {len(rows)} 个诊断，请给出更完整的诊断编号。",
        )
    )


@dataclass(frozen=True)
class AuditReview:
    """One audit the office holds and where its review stands."""

    audit_uuid: str
    enterprise_name: str
    credit_code: str
    latest_revision: int
    status: ReviewStatus
    updated_at: str
    open_conflicts: int


def audit_reviews(office: OfficeDatabase) -> list[AuditReview]:
    """Every audit the office holds with its review status and open conflicts, by enterprise name."""
    rows = office.connection.execute(
        "SELECT a.audit_uuid, a.enterprise_name, a.credit_code, a.latest_revision, a.review_status, a.updated_at, "
        "(SELECT count(*) FROM conflict c WHERE c.audit_uuid = a.audit_uuid AND c.settled_at IS NULL) "
        "FROM audit a ORDER BY coalesce(a.enterprise_name, ''), a.audit_uuid"
    )
    return [
        AuditReview(
            str(row[0]),
            str(row[1] or ""),
            str(row[2] or ""),
            int(row[3] or 0),
            ReviewStatus(row[4]),
            str(row[5] or ""),
            int(row[6]),
        )
        for row in rows
    ]


def audit_names(office: OfficeDatabase) -> dict[str, str]:
    """{audit uuid: enterprise name} of every audit the office holds whose enterprise has a name."""
    rows = office.connection.execute("SELECT audit_uuid, enterprise_name FROM audit WHERE enterprise_name IS NOT NULL")
    return {str(row[0]): str(row[1]) for row in rows}
