"""Pages of this domain."""

app_name = "finance"
urlpatterns = []
