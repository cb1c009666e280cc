# The nginx every benchmark measures its ceiling with (sourced, not run;
# functions only, so that scripts with settings of their own can use it).
# Needs TMP.
#
# nginx_setup: NGX, nginx's directory under $TMP, with html/ and logs/
# (readable by its workers). nginx_conf BLOCKS: writes $NGX/nginx.conf with
# the settings every benchmark's nginx shares, so that the ceiling (a static
# file) is measured the same way in each script: a worker a core, client
# keep-alive as long as a run, an access log (tsunagu writes one too),
# sendfile, temporary files under $NGX; then BLOCKS (upstreams, servers)
# inside http.
nginx_setup() {
  NGX="$TMP/nginx"
  mkdir -p "$NGX/html" "$NGX/logs"
  chmod 755 "$NGX" "$NGX/html"
}
nginx_conf() {
  cat >"$NGX/nginx.conf" <<EOF
daemon off;
worker_processes $(nproc);
pid $NGX/nginx.pid;
error_log $NGX/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log $NGX/logs/access.log;
  client_body_temp_path $NGX/tmp-body;
  proxy_temp_path $NGX/tmp-proxy;
  fastcgi_temp_path $NGX/tmp-fastcgi;
  uwsgi_temp_path $NGX/tmp-uwsgi;
  scgi_temp_path $NGX/tmp-scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/json json; }
$1
}
EOF
}
