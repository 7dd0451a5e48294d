// Starts Swagger UI on this service's own description. Everything stays on this origin: the
// document comes from /openapi, "Try it out" calls this service, and the validator badge (which
// would send the document to validator.swagger.io) is off. When the dashboard holds an API key,
// requests that carry no Authorization of their own are sent with it.
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/openapi',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    requestInterceptor: (request) => {
      let key = null;
      try {
        key = window.localStorage.getItem('workflow.apiKey');
      } catch (e) {
        key = null; // storage refused (private mode): no key to add
      }
      const headers = request.headers || {};
      if (key && !headers.Authorization && !headers.authorization) {
        headers.Authorization = 'Bearer ' + key;
        request.headers = headers;
      }
      return request;
    },
  });
});
