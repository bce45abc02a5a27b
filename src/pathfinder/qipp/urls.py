"""Pages of this domain."""

app_name = "qipp"
urlpatterns = []
