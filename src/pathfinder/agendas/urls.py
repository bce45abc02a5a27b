"""Pages of this domain."""

app_name = "agendas"
urlpatterns = []
