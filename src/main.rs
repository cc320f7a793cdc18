use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    decision_engine::telemetry::init();
    decision_engine::cli::run(decision_engine::cli::Cli::parse()).await
}
