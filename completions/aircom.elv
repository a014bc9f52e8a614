
use builtin;
use str;

set edit:completion:arg-completer[aircom] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'aircom'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'aircom'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand doctor 'Check credentials, identities, rate limits and what the integration depends on'
            cand auth-status 'Check credentials, identities, rate limits and what the integration depends on'
            cand auth 'Credentials (`auth status` is `doctor`)'
            cand check-number 'Validate phone numbers and show what they match'
            cand normalize 'Add E.164 columns to a CSV of phone numbers'
            cand audit 'Find what blocks call logging: shared numbers, badly formatted numbers'
            cand fix 'Repair what an audit found, with a plan, a journal and undo'
            cand undo 'Restore the values a run wrote, where nobody changed them since'
            cand sync 'Bring Intercom users and leads into Aircall'
            cand backfill 'Replay Aircall activity into Intercom exactly as the native integration logs it'
            cand runs 'List past runs from the ledger'
            cand sandbox 'Run or use the built-in sandbox of both APIs'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;doctor'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --show-token 'Show the tokens in full'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;auth-status'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --show-token 'Show the tokens in full'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;auth'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Same as `aircom doctor`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;auth;status'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --show-token 'Show the tokens in full'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;auth;help'= {
            cand status 'Same as `aircom doctor`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;auth;help;status'= {
        }
        &'aircom;auth;help;help'= {
        }
        &'aircom;check-number'= {
            cand --country 'Default country for numbers written without a country code (ISO code, e.g. FR)'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --offline 'Do not look the number up in Aircall and Intercom'
            cand --allow-vanity 'Accept vanity numbers (1-800-FLOWERS)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;normalize'= {
            cand --column 'The column holding phone numbers'
            cand --country 'Default country for national numbers (ISO code)'
            cand --country-column 'A column holding each row''s country (ISO code or name)'
            cand -o 'Where to write (`-` for stdout, the default)'
            cand --output 'Where to write (`-` for stdout, the default)'
            cand --delimiter 'Field delimiter'
            cand --aircall-import 'Also write Aircall''s dashboard import files (valid numbers only, < 1 MB each) here'
            cand --name-column 'Column with the full name, for the import files'
            cand --first-name-column 'Column with the first name, for the import files'
            cand --last-name-column 'Column with the last name, for the import files'
            cand --company-column 'Column with the company, for the import files'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --allow-vanity 'Accept vanity numbers (1-800-FLOWERS)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;audit'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand duplicates 'Find phone numbers shared by several contacts (they block call logging)'
            cand numbers 'List contacts whose stored phone is not exactly its E.164 form'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;audit;duplicates'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --with-calls 'Count the calls each shared number cost over this period (default 30d): a date, a datetime with offset, or a duration back from now (`7d`, `36h`)'
            cand --strategy 'With `--fix`: repair unattended with this strategy (needs `--yes` without a terminal)'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --aircall 'Audit Aircall contacts instead (numbers shared by several Aircall contacts)'
            cand --fix 'Walk the groups and repair them (merge leads into the keeper, clear phones)'
            cand --dry-run 'With `--fix`: print the plan, write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;audit;numbers'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --status 'Only rows with this status'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;audit;help'= {
            cand duplicates 'Find phone numbers shared by several contacts (they block call logging)'
            cand numbers 'List contacts whose stored phone is not exactly its E.164 form'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;audit;help;duplicates'= {
        }
        &'aircom;audit;help;numbers'= {
        }
        &'aircom;audit;help;help'= {
        }
        &'aircom;fix'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand numbers 'Rewrite fixable phones to E.164 in Intercom'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;fix;numbers'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand -L 'Stop after this many changes'
            cand --limit 'Stop after this many changes'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --dry-run 'Print the plan, write nothing'
            cand --include-ambiguous 'Also ask, per ambiguous number, which reading to write (needs a terminal)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;fix;help'= {
            cand numbers 'Rewrite fixable phones to E.164 in Intercom'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;fix;help;numbers'= {
        }
        &'aircom;fix;help;help'= {
        }
        &'aircom;undo'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --dry-run 'Print what would be restored, write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;sync'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand contacts 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;sync;contacts'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --role 'Which contacts to sync'
            cand --tag 'Only contacts with this Intercom tag (by name)'
            cand --segment 'Only contacts in this Intercom segment'
            cand --since 'Only contacts updated since WHEN: a date, a datetime with offset, or `7d`, `36h`'
            cand --report 'Write the skipped contacts and their reasons to this CSV'
            cand --export-csv 'Write the creations as Aircall dashboard import files here instead of calling the API'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --incremental 'Only contacts updated since the last successful sync (from the ledger)'
            cand --no-adopt 'Do not adopt an existing Aircall contact with the same number: skip it instead'
            cand --prune 'Delete Aircall contacts aircom created whose Intercom contact is gone or lost its phone'
            cand --dry-run 'Print the plan (create, update with a field diff, unchanged, skipped, prune); write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;sync;help'= {
            cand contacts 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;sync;help;contacts'= {
        }
        &'aircom;sync;help;help'= {
        }
        &'aircom;backfill'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand calls 'Log calls into Intercom as the native integration would, never twice'
            cand tags 'Re-sync call tags onto their conversations (adding and removing), with no time window'
            cand sms 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;backfill;calls'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --since 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now'
            cand --until 'End of the period (default: now)'
            cand --only 'Only calls of this kind'
            cand --number 'Only calls on this Aircall number (name or id)'
            cand --create-contacts 'What to create for a caller no Intercom contact has'
            cand --conversation 'Where each call is logged'
            cand --locale 'Language of titles and note labels'
            cand --default-admin 'The admin calls fall back to (email or id; default: the admin behind the token)'
            cand --explain 'Show the whole reasoning for one call, write nothing'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --dry-run 'Print the plan per call, write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;backfill;tags'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --since 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now'
            cand --until 'End of the period (default: now)'
            cand --default-admin 'The admin tags are applied as (email or id; default: the admin behind the token)'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --dry-run 'Print what would change, write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;backfill;sms'= {
            cand --country 'Default country for numbers written without a country code (ISO code); a contact''s location country wins over the configured default, this flag over both'
            cand --partitions 'Concurrent search cursors for the contact scan'
            cand --from 'The archive: one webhook payload per line (`-` for stdin)'
            cand --create-contacts 'What to create for a number no Intercom contact has'
            cand --conversation 'Where each SMS is logged'
            cand --locale 'Language of titles and note labels'
            cand --default-admin 'The admin SMS fall back to (email or id; default: the admin behind the token)'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --dry-run 'Print the plan per message, write nothing'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;backfill;help'= {
            cand calls 'Log calls into Intercom as the native integration would, never twice'
            cand tags 'Re-sync call tags onto their conversations (adding and removing), with no time window'
            cand sms 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;backfill;help;calls'= {
        }
        &'aircom;backfill;help;tags'= {
        }
        &'aircom;backfill;help;sms'= {
        }
        &'aircom;backfill;help;help'= {
        }
        &'aircom;runs'= {
            cand -L 'Show at most this many runs, newest first'
            cand --limit 'Show at most this many runs, newest first'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;sandbox'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve both fake APIs on loopback until Ctrl-C'
            cand export-sms 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;sandbox;serve'= {
            cand --seed 'Seed of the demo data and of the fault sequence'
            cand --contacts 'Intercom contacts to seed'
            cand --calls 'Aircall calls to seed'
            cand --latency 'Added latency per request, in ms: `100` or a range `50..200`'
            cand --faults 'Faults, e.g. `5xx=0.1,429=0.05,reset=0.02`, each optionally `@aircall[/path]`'
            cand --aircall-limit 'Aircall''s per-company limit, requests per minute'
            cand --intercom-limit 'Intercom''s per-app limit, requests per minute (applied per 10-second window)'
            cand --port 'Port of the Aircall fake; Intercom''s is the next one (default: free ports)'
            cand --anchor 'Demo data anchor (UNIX seconds; default today''s UTC midnight)'
            cand --state-file 'Keep the state in this file (loaded at start, saved at exit)'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand --aircall-headers-always 'Send `X-AircallApi-*` headers on every response, not only on 429'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;sandbox;export-sms'= {
            cand --seed 'Seed of the demo data'
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;sandbox;help'= {
            cand serve 'Serve both fake APIs on loopback until Ctrl-C'
            cand export-sms 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;sandbox;help;serve'= {
        }
        &'aircom;sandbox;help;export-sms'= {
        }
        &'aircom;sandbox;help;help'= {
        }
        &'aircom;completions'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;man'= {
            cand --color 'When to use colour'
            cand --profile 'Profile from the config file'
            cand --state 'The ledger (SQLite) holding runs, progress and the undo journal'
            cand --sandbox-state 'Keep the sandbox''s state in this file between runs (with `--sandbox`)'
            cand --aircall-rate 'Aircall requests per minute to pace at (Aircall''s limit is per company: 60 is safe)'
            cand --intercom-rate 'Intercom requests per minute to pace at (default 10,000, the per-app limit)'
            cand -v 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand --verbose 'More detail on stderr (`-vv`: one line per HTTP request)'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --json 'Write data as one JSON document (JSON Lines for streaming commands)'
            cand --csv 'Write data as CSV with a header row'
            cand --no-progress 'Never draw progress bars'
            cand -y 'Answer yes to confirmations (needed to write without a terminal)'
            cand --yes 'Answer yes to confirmations (needed to write without a terminal)'
            cand --sandbox 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'aircom;help'= {
            cand doctor 'Check credentials, identities, rate limits and what the integration depends on'
            cand auth 'Credentials (`auth status` is `doctor`)'
            cand check-number 'Validate phone numbers and show what they match'
            cand normalize 'Add E.164 columns to a CSV of phone numbers'
            cand audit 'Find what blocks call logging: shared numbers, badly formatted numbers'
            cand fix 'Repair what an audit found, with a plan, a journal and undo'
            cand undo 'Restore the values a run wrote, where nobody changed them since'
            cand sync 'Bring Intercom users and leads into Aircall'
            cand backfill 'Replay Aircall activity into Intercom exactly as the native integration logs it'
            cand runs 'List past runs from the ledger'
            cand sandbox 'Run or use the built-in sandbox of both APIs'
            cand completions 'Print shell completions'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'aircom;help;doctor'= {
        }
        &'aircom;help;auth'= {
            cand status 'Same as `aircom doctor`'
        }
        &'aircom;help;auth;status'= {
        }
        &'aircom;help;check-number'= {
        }
        &'aircom;help;normalize'= {
        }
        &'aircom;help;audit'= {
            cand duplicates 'Find phone numbers shared by several contacts (they block call logging)'
            cand numbers 'List contacts whose stored phone is not exactly its E.164 form'
        }
        &'aircom;help;audit;duplicates'= {
        }
        &'aircom;help;audit;numbers'= {
        }
        &'aircom;help;fix'= {
            cand numbers 'Rewrite fixable phones to E.164 in Intercom'
        }
        &'aircom;help;fix;numbers'= {
        }
        &'aircom;help;undo'= {
        }
        &'aircom;help;sync'= {
            cand contacts 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
        }
        &'aircom;help;sync;contacts'= {
        }
        &'aircom;help;backfill'= {
            cand calls 'Log calls into Intercom as the native integration would, never twice'
            cand tags 'Re-sync call tags onto their conversations (adding and removing), with no time window'
            cand sms 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
        }
        &'aircom;help;backfill;calls'= {
        }
        &'aircom;help;backfill;tags'= {
        }
        &'aircom;help;backfill;sms'= {
        }
        &'aircom;help;runs'= {
        }
        &'aircom;help;sandbox'= {
            cand serve 'Serve both fake APIs on loopback until Ctrl-C'
            cand export-sms 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)'
        }
        &'aircom;help;sandbox;serve'= {
        }
        &'aircom;help;sandbox;export-sms'= {
        }
        &'aircom;help;completions'= {
        }
        &'aircom;help;man'= {
        }
        &'aircom;help;help'= {
        }
    ]
    $completions[$command]
}
