"""Pages of the board pack."""

app_name = "reports"
urlpatterns: list = []
