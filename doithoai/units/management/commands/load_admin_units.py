from typing import Any

from django.core.management.base import BaseCommand

from doithoai.units.loading import load
from doithoai.units.models import AdminUnit


class Command(BaseCommand):
    help = "Cập nhật danh mục đơn vị hành chính từ gói vietnam-provinces (chạy lại sau khi nâng cấp gói)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load(AdminUnit)
        for key, count in counts.items():
            self.stdout.write(f"{key}: {count}")
