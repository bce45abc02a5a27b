"""Pages of this domain."""

app_name = "interests"
urlpatterns = []
