from typing import Any

from django.core.management.base import BaseCommand

from doithoai.core import demo


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: xã Điềm He (Lạng Sơn) và tài khoản cho từng vai trò."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            logins = demo.load()
        except RuntimeError:
            self.stdout.write("Dữ liệu trình diễn đã có sẵn (demo already loaded).")
            logins = None
        self.print_logins(logins)

    def print_logins(self, logins: list[demo.DemoLogin] | None) -> None:
        from doithoai.accounts.models import User

        if logins is None:
            usernames = ["quantri", *[p[0] for p in demo.COMMUNE_PEOPLE], "tinh", "vanquan", "congdan"]
            users = {u.username: u for u in User.objects.filter(username__in=usernames)}
            logins = [demo.DemoLogin(name, users[name].full_name, "", "") for name in usernames if name in users]
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Tài khoản trình diễn / demo logins — http://127.0.0.1:8000/tai-khoan/dang-nhap/")
        )
        self.stdout.write(f"Mật khẩu chung / password for all: {demo.DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            line = f"  {login.username.ljust(width)}  {login.full_name}"
            if login.role:
                line += f" — {login.role}"
            if login.where and login.where != "—":
                line += f" ({login.where})"
            self.stdout.write(line)
        self.stdout.write("")
