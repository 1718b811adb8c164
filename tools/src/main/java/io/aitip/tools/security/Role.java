package io.aitip.tools.security;

import java.util.Locale;

/** Built-in roles of a member in an org. */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code owner|admin|member|viewer}; anything else is refused with the list of roles. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.wire().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': use owner, admin, member or viewer");
    }
}
