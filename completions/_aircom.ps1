
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'aircom' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'aircom'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'aircom' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check credentials, identities, rate limits and what the integration depends on')
            [CompletionResult]::new('auth-status', 'auth-status', [CompletionResultType]::ParameterValue, 'Check credentials, identities, rate limits and what the integration depends on')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Credentials (`auth status` is `doctor`)')
            [CompletionResult]::new('check-number', 'check-number', [CompletionResultType]::ParameterValue, 'Validate phone numbers and show what they match')
            [CompletionResult]::new('normalize', 'normalize', [CompletionResultType]::ParameterValue, 'Add E.164 columns to a CSV of phone numbers')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Find what blocks call logging: shared numbers, badly formatted numbers')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Repair what an audit found, with a plan, a journal and undo')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Restore the values a run wrote, where nobody changed them since')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Bring Intercom users and leads into Aircall')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Replay Aircall activity into Intercom exactly as the native integration logs it')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List past runs from the ledger')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run or use the built-in sandbox of both APIs')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command with `--out`')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Print the config file''s profile names, one per line (what completing `--profile` offers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;doctor' {
            [CompletionResult]::new('--with-calls', '--with-calls', [CompletionResultType]::ParameterName, 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Show the tokens in full')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;auth-status' {
            [CompletionResult]::new('--with-calls', '--with-calls', [CompletionResultType]::ParameterName, 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Show the tokens in full')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;auth' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Same as `aircom doctor`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;auth;status' {
            [CompletionResult]::new('--with-calls', '--with-calls', [CompletionResultType]::ParameterName, 'Also say how call logging did over this period (default 7d): the share of finished calls that reached Intercom and the last outage, as `audit logging` counts them (it reads every call of the period)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--show-token', '--show-token', [CompletionResultType]::ParameterName, 'Show the tokens in full')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Same as `aircom doctor`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;auth;help;status' {
            break
        }
        'aircom;auth;help;help' {
            break
        }
        'aircom;check-number' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code, e.g. FR; default: the profile''s `default_country`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not look the number up in Aircall and Intercom')
            [CompletionResult]::new('--allow-vanity', '--allow-vanity', [CompletionResultType]::ParameterName, 'Accept vanity numbers (1-800-FLOWERS)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;normalize' {
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'The column holding phone numbers')
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for national numbers (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--country-column', '--country-column', [CompletionResultType]::ParameterName, 'A column holding each row''s country (ISO code or name)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write (`-` for stdout, the default); written once the input was read whole')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write (`-` for stdout, the default); written once the input was read whole')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'Field delimiter')
            [CompletionResult]::new('--aircall-import', '--aircall-import', [CompletionResultType]::ParameterName, 'Also write Aircall''s dashboard import files (valid numbers only, < 1 MB each) here')
            [CompletionResult]::new('--name-column', '--name-column', [CompletionResultType]::ParameterName, 'Column with the full name, for the import files')
            [CompletionResult]::new('--first-name-column', '--first-name-column', [CompletionResultType]::ParameterName, 'Column with the first name, for the import files')
            [CompletionResult]::new('--last-name-column', '--last-name-column', [CompletionResultType]::ParameterName, 'Column with the last name, for the import files')
            [CompletionResult]::new('--company-column', '--company-column', [CompletionResultType]::ParameterName, 'Column with the company, for the import files')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--allow-vanity', '--allow-vanity', [CompletionResultType]::ParameterName, 'Accept vanity numbers (1-800-FLOWERS)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;audit' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('duplicates', 'duplicates', [CompletionResultType]::ParameterValue, 'Find phone numbers shared by several contacts (they block call logging)')
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'List contacts whose stored phone is not exactly its E.164 form')
            [CompletionResult]::new('logging', 'logging', [CompletionResultType]::ParameterValue, 'Is the integration logging? Coverage per day and number, outages, and why calls were missed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;audit;duplicates' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--with-calls', '--with-calls', [CompletionResultType]::ParameterName, 'Count the calls each shared number cost over this period (default 30d): a date, a datetime with offset, or a duration back from now (`7d`, `36h`)')
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'With `--fix`: repair unattended with this strategy (needs `--yes` without a terminal)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--aircall', '--aircall', [CompletionResultType]::ParameterName, 'Audit Aircall contacts instead (numbers shared by several Aircall contacts)')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Walk the groups and repair them (merge leads into the keeper, clear phones)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With `--fix`: print the plan, write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;audit;numbers' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only rows with this status')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;audit;logging' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period: a date, a datetime with offset, or `30d`, `36h` back from now')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period (default: now)')
            [CompletionResult]::new('--number', '--number', [CompletionResultType]::ParameterName, 'Only calls on this Aircall number (its name, its id, or the number with `+`)')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Also write the report as one self-contained HTML page (a chart per day, the outages, the numbers); it holds customer numbers and is created mode 0600')
            [CompletionResult]::new('--min-outage-calls', '--min-outage-calls', [CompletionResultType]::ParameterName, 'An outage has at least this many calls in a row with no native log')
            [CompletionResult]::new('--min-outage', '--min-outage', [CompletionResultType]::ParameterName, '…from its first call to its last at least this long (`90m`, `2h`, `1d`)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--no-create', '--no-create', [CompletionResultType]::ParameterName, 'Count unknown callers as a backfill with `--create-contacts none` would: no contact (default: gaps, a backfill creates a lead)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;audit;help' {
            [CompletionResult]::new('duplicates', 'duplicates', [CompletionResultType]::ParameterValue, 'Find phone numbers shared by several contacts (they block call logging)')
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'List contacts whose stored phone is not exactly its E.164 form')
            [CompletionResult]::new('logging', 'logging', [CompletionResultType]::ParameterValue, 'Is the integration logging? Coverage per day and number, outages, and why calls were missed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;audit;help;duplicates' {
            break
        }
        'aircom;audit;help;numbers' {
            break
        }
        'aircom;audit;help;logging' {
            break
        }
        'aircom;audit;help;help' {
            break
        }
        'aircom;fix' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'Rewrite fixable phones to E.164 in Intercom')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;fix;numbers' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Stop after this many changes')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after this many changes')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan, write nothing')
            [CompletionResult]::new('--include-ambiguous', '--include-ambiguous', [CompletionResultType]::ParameterName, 'Also ask, per ambiguous number, which reading to write (needs a terminal; never under `--yes`)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;fix;help' {
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'Rewrite fixable phones to E.164 in Intercom')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;fix;help;numbers' {
            break
        }
        'aircom;fix;help;help' {
            break
        }
        'aircom;undo' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be restored, write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;sync' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('contacts', 'contacts', [CompletionResultType]::ParameterValue, 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;sync;contacts' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Which contacts to sync')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only contacts with this Intercom tag (by name)')
            [CompletionResult]::new('--segment', '--segment', [CompletionResultType]::ParameterName, 'Only contacts in this Intercom segment')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only contacts updated since WHEN: a date, a datetime with offset, or `7d`, `36h`')
            [CompletionResult]::new('--prune-limit', '--prune-limit', [CompletionResultType]::ParameterName, 'The share of aircom''s synced contacts a prune may delete before it stops and asks (even with `--yes`)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the skipped contacts and their reasons to this CSV')
            [CompletionResult]::new('--export-csv', '--export-csv', [CompletionResultType]::ParameterName, 'Write the creations as Aircall dashboard import files here instead of calling the API')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--incremental', '--incremental', [CompletionResultType]::ParameterName, 'Only contacts updated since the last successful sync (from the ledger)')
            [CompletionResult]::new('--no-adopt', '--no-adopt', [CompletionResultType]::ParameterName, 'Do not adopt an existing Aircall contact with the same number: skip it instead')
            [CompletionResult]::new('--with-extensions', '--with-extensions', [CompletionResultType]::ParameterName, 'Also sync phones that carry an extension, putting it in the number''s label (`Work ext. 12`); by default they are skipped and reported, as E.164 cannot carry an extension')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete Aircall contacts aircom created whose Intercom contact is gone or lost its phone')
            [CompletionResult]::new('--force-prune', '--force-prune', [CompletionResultType]::ParameterName, 'Delete past `--prune-limit` without asking')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (create, update with a field diff, unchanged, skipped, prune); write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;sync;help' {
            [CompletionResult]::new('contacts', 'contacts', [CompletionResultType]::ParameterValue, 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;sync;help;contacts' {
            break
        }
        'aircom;sync;help;help' {
            break
        }
        'aircom;backfill' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('calls', 'calls', [CompletionResultType]::ParameterValue, 'Log calls into Intercom as the native integration would, never twice')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Re-sync call tags onto their conversations (adding and removing), with no time window')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;backfill;calls' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now (required, unless `--explain` names one call)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period (default: now)')
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only calls of this kind')
            [CompletionResult]::new('--number', '--number', [CompletionResultType]::ParameterName, 'Only calls on this Aircall number (its name, its id, or the number with `+`)')
            [CompletionResult]::new('--create-contacts', '--create-contacts', [CompletionResultType]::ParameterName, 'What to create for a caller no Intercom contact has')
            [CompletionResult]::new('--conversation', '--conversation', [CompletionResultType]::ParameterName, 'Where each call is logged')
            [CompletionResult]::new('--locale', '--locale', [CompletionResultType]::ParameterName, 'Language of titles and note labels')
            [CompletionResult]::new('--default-admin', '--default-admin', [CompletionResultType]::ParameterName, 'The admin calls fall back to (email or id; default: the admin behind the token)')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Show the whole reasoning for one call, write nothing')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan per call, write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;backfill;tags' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period: a date, a datetime with offset, or `7d`, `36h` back from now')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period (default: now)')
            [CompletionResult]::new('--default-admin', '--default-admin', [CompletionResultType]::ParameterName, 'The admin tags are applied as (email or id; default: the admin behind the token)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change, write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;backfill;sms' {
            [CompletionResult]::new('--country', '--country', [CompletionResultType]::ParameterName, 'Default country for numbers written without a country code (ISO code; default: the profile''s `default_country`)')
            [CompletionResult]::new('--partitions', '--partitions', [CompletionResultType]::ParameterName, 'Concurrent search cursors for the contact scan')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The archive: one webhook payload per line (`-` for stdin)')
            [CompletionResult]::new('--create-contacts', '--create-contacts', [CompletionResultType]::ParameterName, 'What to create for a number no Intercom contact has')
            [CompletionResult]::new('--conversation', '--conversation', [CompletionResultType]::ParameterName, 'Where each SMS is logged')
            [CompletionResult]::new('--locale', '--locale', [CompletionResultType]::ParameterName, 'Language of titles and note labels')
            [CompletionResult]::new('--default-admin', '--default-admin', [CompletionResultType]::ParameterName, 'The admin SMS fall back to (email or id; default: the admin behind the token)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan per message, write nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;backfill;help' {
            [CompletionResult]::new('calls', 'calls', [CompletionResultType]::ParameterValue, 'Log calls into Intercom as the native integration would, never twice')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Re-sync call tags onto their conversations (adding and removing), with no time window')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;backfill;help;calls' {
            break
        }
        'aircom;backfill;help;tags' {
            break
        }
        'aircom;backfill;help;sms' {
            break
        }
        'aircom;backfill;help;help' {
            break
        }
        'aircom;runs' {
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'Show at most this many runs, newest first')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many runs, newest first')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;sandbox' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve both fake APIs on loopback until Ctrl-C')
            [CompletionResult]::new('export-sms', 'export-sms', [CompletionResultType]::ParameterValue, 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;sandbox;serve' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the demo data and of the fault sequence')
            [CompletionResult]::new('--contacts', '--contacts', [CompletionResultType]::ParameterName, 'Intercom contacts to seed')
            [CompletionResult]::new('--calls', '--calls', [CompletionResultType]::ParameterName, 'Aircall calls to seed')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days the calls span, back from today (60 to 183; Aircall keeps about 180)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Added latency per request, in ms: `100` or a range `50..200`')
            [CompletionResult]::new('--faults', '--faults', [CompletionResultType]::ParameterName, 'Faults, e.g. `5xx=0.1,429=0.05,reset=0.02`, each optionally `@aircall[/path]`')
            [CompletionResult]::new('--aircall-limit', '--aircall-limit', [CompletionResultType]::ParameterName, 'Aircall''s per-company limit, requests per minute')
            [CompletionResult]::new('--intercom-limit', '--intercom-limit', [CompletionResultType]::ParameterName, 'Intercom''s per-app limit, requests per minute (applied per 10-second window)')
            [CompletionResult]::new('--search-lag', '--search-lag', [CompletionResultType]::ParameterName, 'Seconds before a contact or conversation created through the API shows in Intercom''s search (Intercom documents a lag of minutes); `GET` by id sees it at once')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the Aircall fake; Intercom''s is the next one (default: free ports)')
            [CompletionResult]::new('--anchor', '--anchor', [CompletionResultType]::ParameterName, 'Demo data anchor (UNIX seconds from 1970 to 9999; default today''s UTC midnight)')
            [CompletionResult]::new('--state-file', '--state-file', [CompletionResultType]::ParameterName, 'Keep the state in this file (loaded at start, saved at exit)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('--aircall-headers-always', '--aircall-headers-always', [CompletionResultType]::ParameterName, 'Send `X-AircallApi-*` headers on every response, not only on 429')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;sandbox;export-sms' {
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the demo data')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;sandbox;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve both fake APIs on loopback until Ctrl-C')
            [CompletionResult]::new('export-sms', 'export-sms', [CompletionResultType]::ParameterValue, 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;sandbox;help;serve' {
            break
        }
        'aircom;sandbox;help;export-sms' {
            break
        }
        'aircom;sandbox;help;help' {
            break
        }
        'aircom;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;man' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write one page per command here (`aircom.1`, `aircom-backfill-calls.1`, …) instead of printing `aircom.1`')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;profiles' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the config file (default: its `default_profile`, else `default`)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'The ledger (SQLite) holding runs, progress and the undo journal')
            [CompletionResult]::new('--sandbox-state', '--sandbox-state', [CompletionResultType]::ParameterName, 'Keep the sandbox''s state in this file between runs (with `--sandbox`)')
            [CompletionResult]::new('--aircall-rate', '--aircall-rate', [CompletionResultType]::ParameterName, 'Aircall requests per minute to pace at (default: the profile''s `aircall_rate`, else 60)')
            [CompletionResult]::new('--intercom-rate', '--intercom-rate', [CompletionResultType]::ParameterName, 'Intercom requests per minute to pace at (default: the profile''s `intercom_rate`, else 10,000, the per-app limit)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (`-vv`: one line per HTTP request)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write data as one JSON document (`backfill calls`: JSON Lines, one record per call)')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write data as CSV with a header row')
            [CompletionResult]::new('--no-progress', '--no-progress', [CompletionResultType]::ParameterName, 'Never draw progress bars')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Tables: every column, every cell whole, however wide (by default a table fits the terminal: free text is cut with `…`, ids, numbers and states never are, and the columns that matter least are left out)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Tables: every row (by default a terminal table shows only the rows that need action, such as the calls to log; piped output, `--csv` and `--json` always hold every row)')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page a long table (by default one taller than the terminal goes through `$PAGER`, else `less -FRX`)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (needed to write without a terminal)')
            [CompletionResult]::new('--sandbox', '--sandbox', [CompletionResultType]::ParameterName, 'Run against the built-in sandbox (fake Aircall and Intercom with demo data)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'aircom;help' {
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check credentials, identities, rate limits and what the integration depends on')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Credentials (`auth status` is `doctor`)')
            [CompletionResult]::new('check-number', 'check-number', [CompletionResultType]::ParameterValue, 'Validate phone numbers and show what they match')
            [CompletionResult]::new('normalize', 'normalize', [CompletionResultType]::ParameterValue, 'Add E.164 columns to a CSV of phone numbers')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Find what blocks call logging: shared numbers, badly formatted numbers')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Repair what an audit found, with a plan, a journal and undo')
            [CompletionResult]::new('undo', 'undo', [CompletionResultType]::ParameterValue, 'Restore the values a run wrote, where nobody changed them since')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Bring Intercom users and leads into Aircall')
            [CompletionResult]::new('backfill', 'backfill', [CompletionResultType]::ParameterValue, 'Replay Aircall activity into Intercom exactly as the native integration logs it')
            [CompletionResult]::new('runs', 'runs', [CompletionResultType]::ParameterValue, 'List past runs from the ledger')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run or use the built-in sandbox of both APIs')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command with `--out`')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Print the config file''s profile names, one per line (what completing `--profile` offers)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'aircom;help;doctor' {
            break
        }
        'aircom;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Same as `aircom doctor`')
            break
        }
        'aircom;help;auth;status' {
            break
        }
        'aircom;help;check-number' {
            break
        }
        'aircom;help;normalize' {
            break
        }
        'aircom;help;audit' {
            [CompletionResult]::new('duplicates', 'duplicates', [CompletionResultType]::ParameterValue, 'Find phone numbers shared by several contacts (they block call logging)')
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'List contacts whose stored phone is not exactly its E.164 form')
            [CompletionResult]::new('logging', 'logging', [CompletionResultType]::ParameterValue, 'Is the integration logging? Coverage per day and number, outages, and why calls were missed')
            break
        }
        'aircom;help;audit;duplicates' {
            break
        }
        'aircom;help;audit;numbers' {
            break
        }
        'aircom;help;audit;logging' {
            break
        }
        'aircom;help;fix' {
            [CompletionResult]::new('numbers', 'numbers', [CompletionResultType]::ParameterValue, 'Rewrite fixable phones to E.164 in Intercom')
            break
        }
        'aircom;help;fix;numbers' {
            break
        }
        'aircom;help;undo' {
            break
        }
        'aircom;help;sync' {
            [CompletionResult]::new('contacts', 'contacts', [CompletionResultType]::ParameterValue, 'Sync Intercom users and leads into Aircall contacts: idempotent and resumable')
            break
        }
        'aircom;help;sync;contacts' {
            break
        }
        'aircom;help;backfill' {
            [CompletionResult]::new('calls', 'calls', [CompletionResultType]::ParameterValue, 'Log calls into Intercom as the native integration would, never twice')
            [CompletionResult]::new('tags', 'tags', [CompletionResultType]::ParameterValue, 'Re-sync call tags onto their conversations (adding and removing), with no time window')
            [CompletionResult]::new('sms', 'sms', [CompletionResultType]::ParameterValue, 'Log archived SMS (`message.*` webhook payloads, JSON Lines) as the integration would')
            break
        }
        'aircom;help;backfill;calls' {
            break
        }
        'aircom;help;backfill;tags' {
            break
        }
        'aircom;help;backfill;sms' {
            break
        }
        'aircom;help;runs' {
            break
        }
        'aircom;help;sandbox' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve both fake APIs on loopback until Ctrl-C')
            [CompletionResult]::new('export-sms', 'export-sms', [CompletionResultType]::ParameterValue, 'Write the demo data''s SMS as archived `message.*` webhook payloads (JSON Lines)')
            break
        }
        'aircom;help;sandbox;serve' {
            break
        }
        'aircom;help;sandbox;export-sms' {
            break
        }
        'aircom;help;completions' {
            break
        }
        'aircom;help;man' {
            break
        }
        'aircom;help;profiles' {
            break
        }
        'aircom;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
