// The three files Pangolin's installer renders from install/config/*, as plain data the stack
// emitters serialise to YAML (keys in insertion order, which is the templates' order). The
// server secret and SMTP credentials are left out on purpose: Pangolin takes them from the
// environment (SERVER_SECRET, EMAIL_SMTP_USER, EMAIL_SMTP_PASS), so these files hold no secret.
import type { PangolinModel } from "../model.ts";

/** Pangolin's service names on the stack network; Traefik and Gerbil reach it through them. */
const PANGOLIN_API = "http://pangolin:3001/api/v1";

/** config/config.yml (install/config/config.yml; schema in server/lib/readConfigFile.ts). */
export function pangolinConfig(p: PangolinModel): Record<string, unknown> {
  const dashboardUrl = `https://${p.dashboardDomain}`;
  return {
    gerbil: { start_port: p.wireguardPort, clients_start_port: p.clientsPort, base_endpoint: p.dashboardDomain },
    app: { dashboard_url: dashboardUrl, ...pangolinAppSettings(p) },
    domains: { domain1: { base_domain: p.baseDomain } },
    // No `secret`: readConfigFile.ts falls back to process.env.SERVER_SECRET when it is absent.
    server: {
      cors: {
        origins: [dashboardUrl],
        methods: ["GET", "POST", "PUT", "DELETE", "PATCH"],
        allowed_headers: ["X-CSRF-Token", "Content-Type"],
        credentials: false,
      },
    },
    ...(p.smtp && { email: smtpSettings(p.smtp) }),
    flags: pangolinFlags(p),
  };
}

/** config.yml's `app` entries besides the dashboard URL (which the native module sets itself). */
export function pangolinAppSettings(p: PangolinModel): { log_level: string; telemetry: { anonymous_usage: boolean } } {
  return { log_level: p.logLevel, telemetry: { anonymous_usage: p.telemetry } };
}

/** config.yml's `flags`: sign-up by invitation only; email verification when mail can be sent. */
export function pangolinFlags(p: PangolinModel): Record<string, boolean> {
  return {
    require_email_verification: p.smtp !== undefined,
    disable_signup_without_invite: true,
    disable_user_create_org: false,
    allow_raw_resources: true,
  };
}

/** config.yml's `email` section; smtp_user and smtp_pass come from the environment. */
export function smtpSettings(smtp: NonNullable<PangolinModel["smtp"]>): Record<string, string | number | boolean> {
  return { smtp_host: smtp.host, smtp_port: smtp.port, smtp_secure: smtp.secure, no_reply: smtp.noReply };
}

/** config/traefik/traefik_config.yml: Traefik's static configuration. */
export function traefikStaticConfig(p: PangolinModel): Record<string, unknown> {
  const websecure: Record<string, unknown> = {
    address: ":443",
    transport: { respondingTimeouts: { readTimeout: "30m" } },
    ...(p.http3 && { http3: { advertisedPort: p.httpsPort } }),
    http: {
      tls: { certResolver: "letsencrypt" },
      encodedCharacters: { allowEncodedSlash: true, allowEncodedQuestionMark: true },
      middlewares: ["compress@file"],
    },
  };
  return {
    api: { insecure: true, dashboard: true },
    providers: {
      http: { endpoint: `${PANGOLIN_API}/traefik-config`, pollInterval: "5s" },
      file: { filename: "/etc/traefik/dynamic_config.yml" },
    },
    experimental: { plugins: { badger: { moduleName: "github.com/fosrl/badger", version: p.badgerVersion } } },
    log: { level: "INFO", format: "common", maxSize: 100, maxBackups: 3, maxAge: 3, compress: true },
    certificatesResolvers: {
      letsencrypt: {
        acme: {
          httpChallenge: { entryPoint: "web" },
          email: p.email,
          storage: "/letsencrypt/acme.json",
          caServer: "https://acme-v02.api.letsencrypt.org/directory",
        },
      },
    },
    entryPoints: { web: { address: ":80" }, websecure },
    serversTransport: { insecureSkipVerify: true },
    ping: { entryPoint: "web" },
  };
}

/** A router on the dashboard host through Badger, with a Let's Encrypt certificate. */
function dashboardRouter(rule: string, service: string): Record<string, unknown> {
  return { rule, service, entryPoints: ["websecure"], middlewares: ["badger"], tls: { certResolver: "letsencrypt" } };
}

/** config/traefik/dynamic_config.yml: the routes to Pangolin's own dashboard and API. */
export function traefikDynamicConfig(p: PangolinModel): Record<string, unknown> {
  const host = `Host(\`${p.dashboardDomain}\`)`;
  const api = "(PathPrefix(`/api/v1`) || PathPrefix(`/.well-known`))";
  return {
    http: {
      middlewares: {
        badger: { plugin: { badger: { disableForwardAuth: true } } },
        "redirect-to-https": { redirectScheme: { scheme: "https" } },
        compress: { compress: {} },
      },
      routers: {
        "main-app-router-redirect": {
          rule: host,
          service: "next-service",
          entryPoints: ["web"],
          middlewares: ["redirect-to-https", "badger"],
        },
        "next-router": dashboardRouter(`${host} && !PathPrefix(\`/api/v1\`) && !PathPrefix(\`/.well-known\`)`, "next-service"),
        "api-router": dashboardRouter(`${host} && ${api}`, "api-service"),
        "ws-router": dashboardRouter(host, "api-service"),
      },
      services: {
        "next-service": { loadBalancer: { servers: [{ url: "http://pangolin:3002" }] } },
        "api-service": { loadBalancer: { servers: [{ url: "http://pangolin:3000" }] } },
      },
    },
    tcp: {
      serversTransports: {
        "pp-transport-v1": { proxyProtocol: { version: 1 } },
        "pp-transport-v2": { proxyProtocol: { version: 2 } },
      },
    },
  };
}
