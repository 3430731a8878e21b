"""The server side of the dashboard: routes, errors, security headers, the callback guard, the PDF route and the
delivery machinery (how pages reach the browser). Pages and components never import from here except
`web.upr_pdf.available_pdfs`, `web.upr_pdf.pdf_build_state` and `web.public.public_origin`."""
