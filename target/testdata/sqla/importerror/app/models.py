import sqlalchemy as sa
from sqlalchemy import TypeThatDoesNotExist

metadata = sa.MetaData()
