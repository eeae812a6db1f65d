from django.urls import path

from doithoai.budget import views

app_name = "budget"

urlpatterns = [
    path("", views.year, name="year"),
    path("ke-hoach/<int:plan_id>/du-toan/", views.plan_estimate, name="plan_estimate"),
    path("ke-hoach/<int:plan_id>/them-khoan-chi/", views.expense_add, name="expense_add"),
    path("ke-hoach/<int:plan_id>/quyet-toan/", views.settlement, name="settlement"),
    path("ke-hoach/<int:plan_id>/quyet-toan/bang/", views.settlement_sheet, name="settlement_sheet"),
    path("hoi-nghi/<int:conference_id>/", views.conference, name="conference"),
    path("hoi-nghi/<int:conference_id>/du-tru/", views.conference_estimate, name="conference_estimate"),
    path("khoan-chi/<int:expense_id>/", views.expense, name="expense"),
    path("khoan-chi/<int:expense_id>/xoa/", views.expense_delete, name="expense_delete"),
    path("khoan-chi/<int:expense_id>/chung-tu/<int:document_id>/", views.document_download, name="document"),
    path("khoan-chi/<int:expense_id>/chung-tu/<int:document_id>/xoa/", views.document_delete, name="document_delete"),
]
