"""Pages of this domain."""

app_name = "support"
urlpatterns = []
