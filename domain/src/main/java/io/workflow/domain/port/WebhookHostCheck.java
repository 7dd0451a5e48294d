package io.workflow.domain.port;

import java.util.Optional;

/**
 * Whether webhooks may call a host, judged from how the host is written, before any run: an address
 * literal (in any of its spellings) is judged by the address policy there and then, so a workflow
 * that points at a forbidden address is refused when it is created. A host name is judged when a
 * run calls it, against every address it then resolves to; this check lets names pass.
 */
@FunctionalInterface
public interface WebhookHostCheck {
    /** Lets every host pass: for tests of what lies around the check. */
    WebhookHostCheck NONE = host -> Optional.empty();

    /** Why a webhook may not call {@code host} (as written in the URL); empty when it may, or when only its resolution can tell. */
    Optional<String> refusal(String host);
}
