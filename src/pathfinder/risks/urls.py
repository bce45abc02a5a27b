"""Pages of this domain."""

app_name = "risks"
urlpatterns = []
