"""Development email: printed to the console and kept, one file a message, under var/mail/.

Each message is an .eml file (open it in any mail program, or read it: it is text),
named by the time it was sent, so the newest sorts last. Under DEBUG, superusers also
read every email in the admin (Notifications), which serves as the outbox page.
"""

import os
import threading
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.utils import timezone

_lock = threading.Lock()
_count = 0


class OutboxBackend(BaseEmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.console = ConsoleBackend(*args, **kwargs)

    def send_messages(self, email_messages):
        global _count
        folder = Path(settings.EMAIL_OUTBOX_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            with _lock:
                _count += 1
                # The process too: the server and the worker both write here.
                name = f"{timezone.now():%Y%m%d-%H%M%S-%f}-{os.getpid()}-{_count}.eml"
            (folder / name).write_bytes(message.message().as_bytes(linesep="\n"))
        self.console.send_messages(email_messages)
        return len(email_messages)
