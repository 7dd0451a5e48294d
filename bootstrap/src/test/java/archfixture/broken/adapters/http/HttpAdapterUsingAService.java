package archfixture.broken.adapters.http;

import archfixture.broken.application.service.SomeService;

/** Breaks "adapters drive use cases through their input ports": it names an implementation. */
public class HttpAdapterUsingAService {
    public SomeService service;
}
