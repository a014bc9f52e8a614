# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_aircom_global_optspecs
    string join \n v/verbose q/quiet color= json csv no-progress wide all no-pager y/yes profile= state= sandbox sandbox-state= aircall-rate= intercom-rate= h/help V/version
end

function __fish_aircom_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_aircom_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_aircom_using_subcommand
    set -l cmd (__fish_aircom_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c aircom -n "__fish_aircom_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_needs_command" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_needs_command" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_needs_command" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_needs_command" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_needs_command" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_needs_command" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_needs_command" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_needs_command" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_needs_command" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_needs_command" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_needs_command" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_needs_command" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_needs_command" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_needs_command" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_needs_command" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "doctor" -d 'Check credentials, identities, rate limits and what the integration depends on'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "auth-status" -d 'Check credentials, identities, rate limits and what the integration depends on'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "auth" -d 'Credentials (`auth status` is `doctor`)'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "check-number" -d 'Validate phone numbers and show what they match'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "normalize" -d 'Add E.164 columns to a CSV of phone numbers'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "audit" -d 'Find what blocks call logging: shared numbers, badly formatted numbers'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "fix" -d 'Repair what an audit found, with a plan, a journal and undo'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "undo" -d 'Restore the values a run wrote, where nobody changed them since'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "sync" -d 'Bring Intercom users and leads into Aircall'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "backfill" -d 'Replay Aircall activity into Intercom exactly as the native integration logs it'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "runs" -d 'List past runs from the ledger'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "sandbox" -d 'Run or use the built-in sandbox of both APIs'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "man" -d 'Print the man page (roff), or write one page per command with `--out`'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "profiles" -d 'Print the config file\'s profile names, one per line (what completing `--profile` offers)'
complete -c aircom -n "__fish_aircom_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l with-calls -d 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)' -r
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l show-token -d 'Show the tokens in full'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l with-calls -d 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l show-token -d 'Show the tokens in full'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand auth-status" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Same as `aircom doctor`'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l with-calls -d 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l show-token -d 'Show the tokens in full'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Same as `aircom doctor`'
complete -c aircom -n "__fish_aircom_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l country -d 'Default country for numbers written without a country code (ISO code, e.g. FR; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l offline -d 'Do not look the number up in Aircall and Intercom'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l allow-vanity -d 'Accept vanity numbers (1-800-FLOWERS)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand check-number" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l column -d 'The column holding phone numbers' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l country -d 'Default country for national numbers (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l country-column -d 'A column holding each row\'s country (ISO code or name)' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s o -l output -d 'Where to write (`-` for stdout, the default); written once the input was read whole' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l delimiter -d 'Field delimiter' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l aircall-import -d 'Also write Aircall\'s dashboard import files (valid numbers only, < 1 MB each) here' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l name-column -d 'Column with the full name, for the import files' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l first-name-column -d 'Column with the first name, for the import files' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l last-name-column -d 'Column with the last name, for the import files' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l company-column -d 'Column with the company, for the import files' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l allow-vanity -d 'Accept vanity numbers (1-800-FLOWERS)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand normalize" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -f -a "duplicates" -d 'Find phone numbers shared by several contacts (they block call logging)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -f -a "numbers" -d 'List contacts whose stored phone is not exactly its E.164 form'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -f -a "logging" -d 'Is the integration logging? Coverage per day and number, outages, and why calls were missed'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and not __fish_seen_subcommand_from duplicates numbers logging help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l with-calls -d 'Count the calls each shared number cost over this period (default 30d): a date, a datetime with offset, or a duration back from now (`7d`, `36h`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l strategy -d 'With `--fix`: repair unattended with this strategy (needs `--yes` without a terminal)' -r -f -a "merge-leads\t'Merge each group\'s leads into its user keeper; other users are left for a person'"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l aircall -d 'Audit Aircall contacts instead (numbers shared by several Aircall contacts)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l fix -d 'Walk the groups and repair them (merge leads into the keeper, clear phones)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l dry-run -d 'With `--fix`: print the plan, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from duplicates" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l status -d 'Only rows with this status' -r -f -a "fixable\t'One certain reading: `fix numbers` writes it'
invalid\t''
ambiguous\t'Readings in different countries (or the location and default country disagree): never written without a per-row choice'
has-extension\t'Carries an extension E.164 cannot hold: never rewritten'
empty\t''"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from numbers" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l since -d 'Start of the period: a date, a datetime with offset, or `30d`, `36h` back from now' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l until -d 'End of the period (default: now)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l number -d 'Only calls on this Aircall number (its name, its id, or the number with `+`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l html -d 'Also write the report as one self-contained HTML page (a chart per day, the outages, the numbers); it holds customer numbers and is created mode 0600' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l min-outage-calls -d 'An outage has at least this many calls in a row with no native log' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l min-outage -d '…from its first call to its last at least this long (`90m`, `2h`, `1d`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l no-create -d 'Count unknown callers as a backfill with `--create-contacts none` would: no contact (default: gaps, a backfill creates a lead)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from logging" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "duplicates" -d 'Find phone numbers shared by several contacts (they block call logging)'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "numbers" -d 'List contacts whose stored phone is not exactly its E.164 form'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "logging" -d 'Is the integration logging? Coverage per day and number, outages, and why calls were missed'
complete -c aircom -n "__fish_aircom_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -f -a "numbers" -d 'Rewrite fixable phones to E.164 in Intercom'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and not __fish_seen_subcommand_from numbers help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s L -l limit -d 'Stop after this many changes' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l dry-run -d 'Print the plan, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l include-ambiguous -d 'Also ask, per ambiguous number, which reading to write (needs a terminal; never under `--yes`)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from numbers" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "numbers" -d 'Rewrite fixable phones to E.164 in Intercom'
complete -c aircom -n "__fish_aircom_using_subcommand fix; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l dry-run -d 'Print what would be restored, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand undo" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -f -a "contacts" -d 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and not __fish_seen_subcommand_from contacts help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l role -d 'Which contacts to sync' -r -f -a "user\t''
lead\t''
all\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l tag -d 'Only contacts with this Intercom tag (by name)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l segment -d 'Only contacts in this Intercom segment' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l since -d 'Only contacts updated since WHEN: a date, a datetime with offset, or `7d`, `36h`' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l prune-limit -d 'The share of aircom\'s synced contacts a prune may delete before it stops and asks (even with `--yes`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l report -d 'Write the skipped contacts and their reasons to this CSV' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l export-csv -d 'Write the creations as Aircall dashboard import files here instead of calling the API' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l incremental -d 'Only contacts updated since the last successful sync (from the ledger)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l no-adopt -d 'Do not adopt an existing Aircall contact with the same number: skip it instead'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l with-extensions -d 'Also sync phones that carry an extension, putting it in the number\'s label (`Work ext. 12`); by default they are skipped and reported, as E.164 cannot carry an extension'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l prune -d 'Delete Aircall contacts aircom created whose Intercom contact is gone or lost its phone'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l force-prune -d 'Delete past `--prune-limit` without asking'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l dry-run -d 'Print the plan (create, update with a field diff, unchanged, skipped, prune); write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from contacts" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "contacts" -d 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
complete -c aircom -n "__fish_aircom_using_subcommand sync; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -f -a "calls" -d 'Log calls into Intercom as the native integration would, never twice'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -f -a "tags" -d 'Re-sync call tags onto their conversations (adding and removing), with no time window'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -f -a "sms" -d 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and not __fish_seen_subcommand_from calls tags sms help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l since -d 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now (required, unless `--explain` names one call)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l until -d 'End of the period (default: now)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l only -d 'Only calls of this kind' -r -f -a "all\t''
missed\t''
unanswered\t''
voicemail\t''
inbound\t''
outbound\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l number -d 'Only calls on this Aircall number (its name, its id, or the number with `+`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l create-contacts -d 'What to create for a caller no Intercom contact has' -r -f -a "lead\t''
user\t''
none\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l conversation -d 'Where each call is logged' -r -f -a "new\t'A new conversation per call'
last-open\t'The contact\'s last open conversation: the title as an internal note, then the details (a new conversation when none is open)'"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l locale -d 'Language of titles and note labels' -r -f -a "en\t''
es\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l default-admin -d 'The admin calls fall back to (email or id; default: the admin behind the token)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l explain -d 'Show the whole reasoning for one call, write nothing' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l dry-run -d 'Print the plan per call, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from calls" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l since -d 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l until -d 'End of the period (default: now)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l default-admin -d 'The admin tags are applied as (email or id; default: the admin behind the token)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l dry-run -d 'Print what would change, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from tags" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l country -d 'Default country for numbers written without a country code (ISO code; default: the profile\'s `default_country`)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l partitions -d 'Concurrent search cursors for the contact scan' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l from -d 'The archive: one webhook payload per line (`-` for stdin)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l create-contacts -d 'What to create for a number no Intercom contact has' -r -f -a "lead\t''
user\t''
none\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l conversation -d 'Where each SMS is logged' -r -f -a "new\t'A new conversation per call'
last-open\t'The contact\'s last open conversation: the title as an internal note, then the details (a new conversation when none is open)'"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l locale -d 'Language of titles and note labels' -r -f -a "en\t''
es\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l default-admin -d 'The admin SMS fall back to (email or id; default: the admin behind the token)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l dry-run -d 'Print the plan per message, write nothing'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from sms" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from help" -f -a "calls" -d 'Log calls into Intercom as the native integration would, never twice'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from help" -f -a "tags" -d 'Re-sync call tags onto their conversations (adding and removing), with no time window'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from help" -f -a "sms" -d 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
complete -c aircom -n "__fish_aircom_using_subcommand backfill; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s L -l limit -d 'Show at most this many runs, newest first' -r
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand runs" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -f -a "serve" -d 'Serve both fake APIs on loopback until Ctrl-C'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -f -a "export-sms" -d 'Write the demo data\'s SMS as archived `message.*` webhook payloads (JSON Lines)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and not __fish_seen_subcommand_from serve export-sms help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l seed -d 'Seed of the demo data and of the fault sequence' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l contacts -d 'Intercom contacts to seed' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l calls -d 'Aircall calls to seed' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l days -d 'Days the calls span, back from today (60 to 183; Aircall keeps about 180)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l latency -d 'Added latency per request, in ms: `100` or a range `50..200`' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l faults -d 'Faults, e.g. `5xx=0.1,429=0.05,reset=0.02`, each optionally `@aircall[/path]`' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l aircall-limit -d 'Aircall\'s per-company limit, requests per minute' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l intercom-limit -d 'Intercom\'s per-app limit, requests per minute (applied per 10-second window)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l search-lag -d 'Seconds before a contact or conversation created through the API shows in Intercom\'s search (Intercom documents a lag of minutes); `GET` by id sees it at once' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l port -d 'Port of the Aircall fake; Intercom\'s is the next one (default: free ports)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l anchor -d 'Demo data anchor (UNIX seconds from 1970 to 9999; default today\'s UTC midnight)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l state-file -d 'Keep the state in this file (loaded at start, saved at exit)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l aircall-headers-always -d 'Send `X-AircallApi-*` headers on every response, not only on 429'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l seed -d 'Seed of the demo data' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from export-sms" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve both fake APIs on loopback until Ctrl-C'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "export-sms" -d 'Write the demo data\'s SMS as archived `message.*` webhook payloads (JSON Lines)'
complete -c aircom -n "__fish_aircom_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand completions" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand completions" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l out -d 'Write one page per command here (`aircom.1`, `aircom-backfill-calls.1`, …) instead of printing `aircom.1`' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand man" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand man" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand man" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand man" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand man" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand man" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand man" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand man" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l profile -d 'Profile from the config file (default: its `default_profile`, else `default`)' -r -f -a "(aircom profiles 2>/dev/null)"
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l state -d 'The ledger (SQLite) holding runs, progress and the undo journal' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l sandbox-state -d 'Keep the sandbox\'s state in this file between runs (with `--sandbox`)' -r -F
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l aircall-rate -d 'Aircall requests per minute to pace at (default: the profile\'s `aircall_rate`, else 60)' -r
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l intercom-rate -d 'Intercom requests per minute to pace at (default: the profile\'s `intercom_rate`, else 10,000, the per-app limit)' -r
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -s v -l verbose -d 'More detail on stderr (`-vv`: one line per HTTP request)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -s q -l quiet -d 'Only errors on stderr'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l json -d 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l csv -d 'Write data as CSV with a header row'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l no-progress -d 'Never draw progress bars'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l wide -d 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l all -d 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l no-pager -d 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -s y -l yes -d 'Answer yes to confirmations (needed to write without a terminal)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -l sandbox -d 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c aircom -n "__fish_aircom_using_subcommand profiles" -s V -l version -d 'Print version'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "doctor" -d 'Check credentials, identities, rate limits and what the integration depends on'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "auth" -d 'Credentials (`auth status` is `doctor`)'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "check-number" -d 'Validate phone numbers and show what they match'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "normalize" -d 'Add E.164 columns to a CSV of phone numbers'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "audit" -d 'Find what blocks call logging: shared numbers, badly formatted numbers'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "fix" -d 'Repair what an audit found, with a plan, a journal and undo'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "undo" -d 'Restore the values a run wrote, where nobody changed them since'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "sync" -d 'Bring Intercom users and leads into Aircall'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "backfill" -d 'Replay Aircall activity into Intercom exactly as the native integration logs it'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "runs" -d 'List past runs from the ledger'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "sandbox" -d 'Run or use the built-in sandbox of both APIs'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "completions" -d 'Print shell completions'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "man" -d 'Print the man page (roff), or write one page per command with `--out`'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "profiles" -d 'Print the config file\'s profile names, one per line (what completing `--profile` offers)'
complete -c aircom -n "__fish_aircom_using_subcommand help; and not __fish_seen_subcommand_from doctor auth check-number normalize audit fix undo sync backfill runs sandbox completions man profiles help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Same as `aircom doctor`'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "duplicates" -d 'Find phone numbers shared by several contacts (they block call logging)'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "numbers" -d 'List contacts whose stored phone is not exactly its E.164 form'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "logging" -d 'Is the integration logging? Coverage per day and number, outages, and why calls were missed'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from fix" -f -a "numbers" -d 'Rewrite fixable phones to E.164 in Intercom'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from sync" -f -a "contacts" -d 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from backfill" -f -a "calls" -d 'Log calls into Intercom as the native integration would, never twice'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from backfill" -f -a "tags" -d 'Re-sync call tags onto their conversations (adding and removing), with no time window'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from backfill" -f -a "sms" -d 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Serve both fake APIs on loopback until Ctrl-C'
complete -c aircom -n "__fish_aircom_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "export-sms" -d 'Write the demo data\'s SMS as archived `message.*` webhook payloads (JSON Lines)'
