"""Documents the learner uploads and the agency reviews."""

import logging
import unicodedata
import uuid
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from flask import current_app

from app.extensions import db
from app.models import Document, User
from app.models.profile import DOCUMENT_KIND_LABELS, DocumentStatus, topic_of
from app.services import DomainError
from app.services.audit import record_audit
from app.services.basket import BasketBalance
from app.services.calendar import working_calendar
from app.services.eligibility import CriterionStatus, basket_criteria
from app.services.mail import queue_email
from app.services.register_data import refresh_register_data
from app.timeutil import utcnow

logger = logging.getLogger(__name__)

# Content types told apart by the first bytes of the file, and the names they may have.
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
STORED_EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
}
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"PK\x03\x04")


# Only employment and qualification are read here; the basket is the registration's.
NO_BALANCE = BasketBalance(0, 0, 0, None)


class UploadRefused(DomainError):
    pass


def content_type_of(head: bytes) -> str | None:
    """Return the content type the file's first bytes show, if it is one we take."""
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def display_name(filename: str) -> str:
    """Keep the learner's file name for display, Lithuanian letters included."""
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = unicodedata.normalize("NFC", name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    return name[-255:] or "dokumentas"


def upload_document(
    learner: User, kind: str, filename: str, stream: BinaryIO
) -> Document:
    """Check an uploaded file by its content, store it under a generated name and
    put it in the review queue."""
    if kind not in DOCUMENT_KIND_LABELS:
        raise UploadRefused("Pasirinkite dokumento rūšį.")
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    content = stream.read(limit + 1)
    name = display_name(filename or "")
    _check_upload(name, content, limit)

    content_type = content_type_of(content)
    stored_name = f"{uuid.uuid4().hex}{STORED_EXTENSIONS[content_type]}"
    directory = Path(current_app.config["UPLOAD_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    (directory / stored_name).write_bytes(content)

    now = utcnow()
    document = Document(
        owner_id=learner.id,
        kind=kind,
        topic=topic_of(kind),
        original_name=name,
        stored_name=stored_name,
        content_type=content_type,
        size_bytes=len(content),
        uploaded_at=now,
        review_due=working_calendar.working_days_after(
            now, current_app.config["DOCUMENT_REVIEW_WORKING_DAYS"]
        ),
    )
    db.session.add(document)
    db.session.flush()

    record_audit(learner, "document.submitted", document, kind=kind)
    logger.info("Document %s submitted by user %s", document.id, learner.id)
    return document


def _check_upload(name: str, content: bytes, limit: int) -> None:
    megabytes = limit // (1024 * 1024)
    if not content:
        raise UploadRefused("Failas tuščias. Pasirinkite dokumento kopijos failą.")
    if len(content) > limit:
        raise UploadRefused(
            f"Failas per didelis. Įkelkite ne didesnį kaip {megabytes} MB failą."
        )
    if content.startswith(EXECUTABLE_SIGNATURES):
        raise UploadRefused(
            "Tai ne dokumento kopija, o programa ar archyvas. "
            "Įkelkite PDF, JPEG arba PNG failą."
        )

    content_type = content_type_of(content)
    if content_type is None:
        raise UploadRefused(
            "Priimami tik PDF, JPEG ir PNG failai. Išsaugokite kopiją vienu iš šių "
            "formatų ir įkelkite dar kartą."
        )
    named_type = EXTENSIONS.get(PurePosixPath(name.casefold()).suffix)
    if named_type != content_type:
        raise UploadRefused(
            "Failo turinys neatitinka jo pavadinimo plėtinio "
            "(pvz., PDF failas pavadintas .png). Pervadinkite failą ir įkelkite "
            "dar kartą."
        )


def approve_document(reviewer: User, document: Document) -> Document:
    """Approve a submitted document and tell its owner."""
    _require_admin(reviewer)
    document.approve(reviewer)
    db.session.flush()

    record_audit(reviewer, "document.approved", document)
    _notify_owner(document)
    logger.info("Document %s approved by user %s", document.id, reviewer.id)
    return document


def reject_document(reviewer: User, document: Document, reason: str) -> Document:
    """Reject a submitted document with the reason the learner will read."""
    _require_admin(reviewer)
    reason = reason.strip()
    if not reason:
        raise DomainError("Nurodykite atmetimo priežastį.")
    document.reject(reviewer, reason[:500])
    db.session.flush()

    record_audit(reviewer, "document.rejected", document, reason=reason)
    _notify_owner(document)
    logger.info("Document %s rejected by user %s", document.id, reviewer.id)
    return document


def _require_admin(user: User) -> None:
    if not user.is_admin:
        raise DomainError("Dokumentus peržiūrėti gali tik administratorius.")


def _notify_owner(document: Document) -> None:
    owner = document.owner
    if not owner.email_confirmed:
        return
    queue_email(
        owner,
        "document_reviewed",
        f"Dokumentas {document.status_label.lower()}: {document.kind_label}",
        document=document,
    )


def learner_documents(learner: User) -> list[Document]:
    return list(
        db.session.scalars(
            db.select(Document)
            .where(Document.owner_id == learner.id)
            .order_by(Document.uploaded_at.desc(), Document.id.desc())
        )
    )


def documents_to_review() -> list[Document]:
    return list(
        db.session.scalars(
            db.select(Document)
            .where(Document.status == DocumentStatus.SUBMITTED)
            .order_by(Document.review_due, Document.id)
        )
    )


def document_path(document: Document) -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / document.stored_name


def documents_block_contract(learner: User) -> str | None:
    """Say why a basket contract cannot be signed yet for lack of approved
    documents, or None when nothing stands in the way.

    Where SoDra or DAKPR already meets a criterion no document is needed; where
    they do not, an approved document must. The contracts service calls this
    before a learner signs.
    """
    snapshot = refresh_register_data(learner)
    documents = learner_documents(learner)
    for criterion in basket_criteria(snapshot, NO_BALANCE, utcnow().date(), documents):
        if criterion.key not in ("employment", "qualification"):
            continue
        if criterion.status == CriterionStatus.PENDING:
            return (
                "Sutarties pasirašyti dar negalima: laukiama Jūsų dokumentų "
                "peržiūros. " + criterion.reason
            )
        if criterion.status == CriterionStatus.NOT_MET:
            return (
                "Sutarties pasirašyti negalima: trūksta patvirtinto dokumento. "
                + criterion.reason
            )
    return None
