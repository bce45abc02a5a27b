"""Pages of this domain."""

urlpatterns = []
