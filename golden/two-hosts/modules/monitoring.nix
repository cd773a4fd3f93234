# Node metrics for the monitoring host, reachable only over the private network.
{
  services.prometheus.exporters.node = {
    enable = true;
    listenAddress = "10.0.0.2";
  };
}
