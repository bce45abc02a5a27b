"""Pages of this domain."""

app_name = "governance"
urlpatterns = []
