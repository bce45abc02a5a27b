// Starts the NHS.UK front-end components; a file, not inline, for the Content-Security-Policy.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
