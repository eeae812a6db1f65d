"""Test settings: the real settings with fast hashing, in-memory mail and tasks run inline."""

from doithoai.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests make no PDFs unless they ask for LibreOffice (documents/tests: the `soffice` fixture): a conversion
# takes seconds, and most tests issue documents only to check numbers and permissions.
DOITHOAI_SOFFICE = ""
