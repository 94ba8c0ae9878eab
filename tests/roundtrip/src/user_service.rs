//! An in-memory implementation of `acme.user.v1.UserService` that fails with
//! the generated errors, one method of each streaming shape.

use std::collections::BTreeMap;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use tokio_stream::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};

use crate::acme::user::v1::user_service_server::UserService;
use crate::acme::user::v1::*;

type ResponseStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

/// Users keyed by id, behind a mutex: enough state for errors to mean something.
#[derive(Debug, Default, Clone)]
pub struct Users {
    users: Arc<Mutex<BTreeMap<String, User>>>,
}

impl Users {
    pub fn with(users: impl IntoIterator<Item = User>) -> Self {
        let store = Users::default();
        for user in users {
            store.lock().insert(user.user_id.clone(), user);
        }
        store
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, User>> {
        // A panicking handler cannot leave the map half-written: every
        // critical section is a single insert or read.
        self.users
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn create(&self, mut user: User) -> Result<User, grpc_errors::Error> {
        let mut users = self.lock();
        if users.values().any(|u| u.email == user.email) {
            return Err(user_error_email_taken().with_metadata("email", user.email));
        }
        user.user_id = format!("u-{}", users.len() + 1);
        users.insert(user.user_id.clone(), user.clone());
        Ok(user)
    }
}

#[tonic::async_trait]
impl UserService for Users {
    async fn get_user(
        &self,
        request: Request<GetUserRequest>,
    ) -> Result<Response<GetUserResponse>, Status> {
        let (metadata, _, request) = request.into_parts();
        let id = request.user_id;
        match self.lock().get(&id) {
            Some(user) => Ok(Response::new(GetUserResponse {
                user: Some(user.clone()),
            })),
            // The caller's accept-language picks the translation sent along.
            None => Err(user_error_not_found(&id).with_locale_from(&metadata).into()),
        }
    }

    type ListUsersStream = ResponseStream<ListUsersResponse>;

    async fn list_users(
        &self,
        request: Request<ListUsersRequest>,
    ) -> Result<Response<Self::ListUsersStream>, Status> {
        let prefix = request.into_inner().name_prefix;
        let found: Vec<_> = self
            .lock()
            .values()
            .filter(|u| u.name.starts_with(&prefix))
            .map(|u| {
                Ok(ListUsersResponse {
                    user: Some(u.clone()),
                })
            })
            .collect();
        Ok(Response::new(Box::pin(tokio_stream::iter(found))))
    }

    async fn import_users(
        &self,
        request: Request<Streaming<ImportUsersRequest>>,
    ) -> Result<Response<ImportUsersResponse>, Status> {
        let mut stream = request.into_inner();
        let mut created = 0;
        while let Some(item) = stream.next().await {
            let user = item?.user.unwrap_or_default();
            self.create(user)?;
            created += 1;
        }
        Ok(Response::new(ImportUsersResponse { created }))
    }

    type SyncUsersStream = ResponseStream<SyncUsersResponse>;

    async fn sync_users(
        &self,
        request: Request<Streaming<SyncUsersRequest>>,
    ) -> Result<Response<Self::SyncUsersStream>, Status> {
        let store = self.clone();
        let replies = request.into_inner().map(move |item| {
            let user = item?.user.unwrap_or_default();
            let mut users = store.lock();
            match users.get_mut(&user.user_id) {
                Some(stored) => {
                    stored.name = user.name;
                    Ok(SyncUsersResponse {
                        user: Some(stored.clone()),
                    })
                }
                None => Err(user_error_not_found(&user.user_id).into()),
            }
        });
        Ok(Response::new(Box::pin(replies)))
    }
}
