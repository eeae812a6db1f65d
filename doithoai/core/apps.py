from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doithoai.core"
    label = "core"

    def ready(self) -> None:
        from doithoai.core import search

        search.install_sqlite_function()
