"""The encrypted local store: keys, SQLCipher connection, migrations, repositories."""
