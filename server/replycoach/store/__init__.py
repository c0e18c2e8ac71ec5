"""What the service keeps in its database: the tables and their migrations, the phrase bank with its history,
API keys, admin sessions and sample replies. Plain Python over SQLAlchemy: no Flask in it."""
