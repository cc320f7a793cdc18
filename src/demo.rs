use crate::service::Service; pub async fn load(_s: Service) -> anyhow::Result<String> { Ok(String::new()) }
