package io.workflow.application;

import io.workflow.domain.auth.ApiKey;

import java.util.List;

/** Lists the API keys (their hashes never leave the service's adapters). */
@FunctionalInterface
public interface ListApiKeys {

    /** Every key, revoked ones included, oldest first. */
    List<ApiKey> list();
}
