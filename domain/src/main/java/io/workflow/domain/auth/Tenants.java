package io.workflow.domain.auth;

import io.workflow.domain.InvalidInputException;

import java.util.regex.Pattern;

/**
 * Tenant names. A tenant owns workflows and runs; every API key belongs to one. Data made without
 * authentication ({@code AUTH=off}, and all data written before tenants existed) belongs to
 * {@link #DEFAULT}.
 */
public final class Tenants {
    /** The tenant of unauthenticated use and of data older than tenants. */
    public static final String DEFAULT = "default";

    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit: safe in logs, paths and file names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private Tenants() {
    }

    /** {@code tenant} if it is a valid name; an {@link InvalidInputException} on {@code field} otherwise. */
    public static String check(String tenant, String field) {
        if (tenant == null || !NAME.matcher(tenant).matches()) {
            throw new InvalidInputException(field, "must be 1 to 63 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        return tenant;
    }
}
