/* The API docs page: Swagger UI (served from the swagger-ui-bundle package, no CDN) on our OpenAPI spec. */
"use strict";
(function () {
  const element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: element.dataset.spec,
    domNode: element,
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: false,
  });
})();
