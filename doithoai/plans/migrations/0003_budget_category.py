from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0002_assignment_due_offset_days_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='budgetline',
            name='category',
            field=models.CharField(blank=True, choices=[('hall', 'Hội trường, trang trí, khánh tiết'), ('sound', 'Âm thanh, ánh sáng, máy chiếu'), ('refreshments', 'Nước uống'), ('printing', 'In ấn, phô tô tài liệu'), ('media', 'Thông tin, tuyên truyền'), ('allowances', 'Bồi dưỡng đại biểu, người phục vụ'), ('other', 'Chi khác')], default='other', max_length=20, verbose_name='khoản mục'),
        ),
        migrations.AlterField(
            model_name='assignment',
            name='assignee_role',
            field=models.CharField(blank=True, choices=[('chair', 'Chủ tịch UBND'), ('vice_chair', 'Phó Chủ tịch UBND'), ('office', 'Văn phòng / thư ký'), ('department_officer', 'Cán bộ cơ quan chuyên môn'), ('front', 'Ủy ban MTTQ'), ('village_head', 'Trưởng thôn, tổ trưởng tổ dân phố'), ('council', 'Giám sát HĐND'), ('higher_official', 'Cán bộ cấp trên'), ('accountant', 'Kế toán'), ('system_admin', 'Quản trị hệ thống'), ('citizen', 'Công dân')], max_length=30, verbose_name='vai trò'),
        ),
    ]
