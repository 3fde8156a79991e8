package faults

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Parse reads a configuration written as comma-separated key=value pairs, as
// given to the sandbox command:
//
//	latency=20ms,slow-body=50ms,503=0.05,504=0.05,429=0.02,rate-limit-reset=1,
//	reset-before=0.01,reset-after=0.01,expire-tokens=0.01,seed=7
//
// A number as key is an HTTP status and its value the rate of that status
// (504 is OBP's endpoint timeout after the handler ran; see Config.ErrorRates).
func Parse(s string) (Config, error) {
	var cfg Config
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		key, value, ok := strings.Cut(pair, "=")
		if !ok {
			return Config{}, fmt.Errorf("fault %q: want key=value", pair)
		}
		if err := cfg.set(strings.TrimSpace(key), strings.TrimSpace(value)); err != nil {
			return Config{}, fmt.Errorf("fault %q: %w", pair, err)
		}
	}
	return cfg, nil
}

func (c *Config) set(key, value string) error {
	var err error
	switch key {
	case "latency":
		c.Latency, err = time.ParseDuration(value)
	case "slow-body":
		c.SlowBody, err = time.ParseDuration(value)
	case "rate-limit-reset":
		c.RateLimitReset, err = strconv.Atoi(value)
	case "reset-before":
		c.ResetBefore, err = parseRate(value)
	case "reset-after":
		c.ResetAfter, err = parseRate(value)
	case "expire-tokens":
		c.ExpireTokens, err = parseRate(value)
	case "seed":
		c.Seed, err = strconv.ParseUint(value, 10, 64)
	default:
		return c.setStatus(key, value)
	}
	return err
}

func (c *Config) setStatus(key, value string) error {
	status, err := strconv.Atoi(key)
	if err != nil || status < 400 || status > 599 {
		return fmt.Errorf("unknown key %q: want latency, slow-body, rate-limit-reset, reset-before, reset-after, expire-tokens, seed or an HTTP status 400-599", key)
	}
	rate, err := parseRate(value)
	if err != nil {
		return err
	}
	if c.ErrorRates == nil {
		c.ErrorRates = map[int]float64{}
	}
	c.ErrorRates[status] = rate
	return nil
}

func parseRate(s string) (float64, error) {
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || r < 0 || r > 1 {
		return 0, fmt.Errorf("rate %q: want a number from 0 to 1", s)
	}
	return r, nil
}
