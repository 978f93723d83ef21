-- wrk script: GET /similar for a random one of BenchServer's 20,000 SKUs.
math.randomseed(42)
request = function()
  return wrk.format("GET", "/similar?sku=s" .. math.random(0, 19999) .. "&n=10")
end
