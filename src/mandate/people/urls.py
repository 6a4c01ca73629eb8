from mandate.people.urls_practices import urlpatterns as practice_patterns
from mandate.people.urls_training import urlpatterns as training_patterns

app_name = "people"
# Training pages: people/urls_training.py; the good models library: urls_practices.py.
urlpatterns = training_patterns + practice_patterns
