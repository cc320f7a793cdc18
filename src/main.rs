use std::process::ExitCode;

use clap::Parser;

/// The stack of each worker thread. A GraphQL query within the depth and weight limits still
/// resolves as nested futures, and a stack overflow aborts the whole process, not one request:
/// 8 MiB (the main thread's default on Linux) instead of tokio's 2 MiB leaves a wide margin.
const WORKER_STACK: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = decision_engine::cli::Cli::parse();
    decision_engine::telemetry::init(cli.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(decision_engine::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The chain of causes, one line; an operator reads this, not a backtrace.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
