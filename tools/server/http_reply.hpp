#pragma once
// How every API handler answers: JSON with a status, or an error in the
// one shape the page and scripts read: {"error": "...", "diagnostics": [...]}.
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace flowsim::server {

inline void reply_json(httplib::Response& response, const nlohmann::json& body, int status = 200) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

inline void reply_error(httplib::Response& response, int status, const std::string& message,
                        const nlohmann::json& diagnostics = nlohmann::json::array()) {
  reply_json(response, {{"error", message}, {"diagnostics", diagnostics}}, status);
}

}  // namespace flowsim::server
