// Drives the off-the-shelf npm client dynamics-web-api, unchanged, against one sandbox environment served at
// the root of its own origin, and prints what it read as one JSON line for the JUnit test to check.
// Input comes from the environment, never from arguments (they show in process lists):
//   DATAVERSE_URL  the organization URL, e.g. https://127.0.0.1:PORT (no path: the client adds api/data/v9.2)
//   TOKEN_URL      the tenant's v2 token endpoint;  CLIENT_ID, CLIENT_SECRET  the app's credentials
//   NODE_EXTRA_CA_CERTS  the sandbox certificate: TLS stays verified, it is only told whom to trust.
"use strict";
const https = require("https");
const { DynamicsWebApi } = require("dynamics-web-api");

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return value;
}

// Client credentials against the sandbox's Entra ID, as a daemon would do it with any OAuth library.
function clientCredentialsToken(tokenUrl, clientId, secret, scope) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope }).toString();
  return new Promise((resolve, reject) => {
    const request = https.request(tokenUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(form) },
    }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) {
          reject(new Error(`token endpoint answered HTTP ${response.statusCode}`));
          return;
        }
        resolve(JSON.parse(body).access_token);
      });
    });
    request.on("error", reject);
    request.end(form);
  });
}

async function main() {
  const serverUrl = required("DATAVERSE_URL");
  const token = await clientCredentialsToken(required("TOKEN_URL"), required("CLIENT_ID"), required("CLIENT_SECRET"),
    `${serverUrl}/.default`);
  const api = new DynamicsWebApi({ serverUrl, dataApi: { version: "9.2" }, onTokenRefresh: async () => token });

  const count = await api.count({ collection: "accounts" });
  const countFiltered = await api.count({ collection: "accounts", filter: "startswith(name,'Account 1')" });
  const all = await api.retrieveAll({ collection: "accounts", select: ["name"], maxPageSize: 7 });
  const created = await api.create({ collection: "accounts", data: { name: "Created by dynamics-web-api" } });
  const read = await api.retrieve({ collection: "accounts", key: created, select: ["name"] });
  const countAfterCreate = await api.count({ collection: "accounts" });
  const fetched = await api.fetchAll({
    collection: "accounts",
    includeAnnotations: "Microsoft.Dynamics.CRM.fetchxmlpagingcookie",
    fetchXml: "<fetch count='4'><entity name='account'><attribute name='name'/><order attribute='name'/></entity></fetch>",
  });
  await api.deleteRecord({ collection: "accounts", key: created });

  console.log(JSON.stringify({
    count,
    countFiltered,
    retrievedAll: all.value.length,
    distinctRetrieved: new Set(all.value.map((row) => row.accountid)).size,
    created,
    readName: read.name,
    countAfterCreate,
    fetched: fetched.value.length,
    countAfterDelete: await api.count({ collection: "accounts" }),
  }));
}

main().catch((error) => {
  // The client's errors carry status and Dataverse's message; never the token.
  console.error(`dynamics-web-api check failed: ${error.status || ""} ${error.message}`);
  process.exit(1);
});
