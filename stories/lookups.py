from django.db.models import Lookup


class Fts5Match(Lookup):
    """`index__query__fts5_match=expression`: an FTS5 MATCH against the whole table."""

    lookup_name = "fts5_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]
