package archfixture.broken.adapters.memory;

import archfixture.broken.adapters.other.OtherAdapter;

/** Breaks "no adapter depends on another adapter" and reaches for a library that is not its own. */
public class MemoryAdapter {
    public OtherAdapter other;
    public Object library = com.tngtech.archunit.core.domain.JavaClass.class;
}
