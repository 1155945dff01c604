from .receiving import inbound_receive
from .review import inbound_discard, inbound_release, inbound_start_case
from .sending import patron_mail_send, reply_address

__all__ = [
    "inbound_discard",
    "inbound_receive",
    "inbound_release",
    "inbound_start_case",
    "patron_mail_send",
    "reply_address",
]
