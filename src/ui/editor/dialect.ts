/** DuckDB's SQL dialect for CodeMirror: its keywords and types, `$$` strings, `"` identifiers. */
import { SQLDialect } from '@codemirror/lang-sql';
import { DUCKDB_KEYWORDS, DUCKDB_TYPES } from '../../editor/duckdb-words';

/** The dialect the editor highlights and completes keywords with. */
export const DuckDB = SQLDialect.define({
  keywords: DUCKDB_KEYWORDS,
  types: DUCKDB_TYPES,
  builtin: 'current_date current_time current_timestamp current_schema current_database current_user',
  doubleDollarQuotedStrings: true,
  operatorChars: '*+-%<>!=&|~^/@#:',
  specialVar: '$?',
  identifierQuotes: '"',
  caseInsensitiveIdentifiers: true,
});
