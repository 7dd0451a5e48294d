package archfixture.broken.application;

import archfixture.broken.adapters.memory.MemoryAdapter;

/** Breaks "the application depends on the domain only" and "nothing but bootstrap depends on adapters". */
public class ApplicationUsingAnAdapter {
    public MemoryAdapter adapter = new MemoryAdapter();
}
